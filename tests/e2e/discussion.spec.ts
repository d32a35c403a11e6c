/**
 * Discussion: a contributor comments on a cell's talk page and on a proposal, a link in a comment is a link marked
 * nofollow ugc, a moderator hides a comment with a reason, an anonymous reader sees only that it was hidden, and its
 * author still reads it. axe on the row page and on a cell page with a thread, light and dark.
 */
import { expect, expectNoAxeViolations, postJson, proposeOverApi, test } from './fixtures';

const cell = { mesh: 'istio', version: '1.3', feature: 'mtls' };
const cellPage = `/meshes/${cell.mesh}/${cell.version}/${cell.feature}`;
const talkPage = `${cellPage}/talk`;

test('a comment on a cell and on a proposal, hidden by a moderator, as each reader sees it', async ({ pageAs }) => {
  const tag = `${Date.now()}`;
  const alice = await pageAs('alice');
  await alice.goto(talkPage);
  await expect(alice.getByRole('heading', { level: 1 })).toContainText('Talk:');
  const text = `Does permissive mode count as yes? See https://istio.io/latest/docs/concepts/security/ (${tag}).`;
  await alice.getByLabel('Add a comment').fill(text);
  await alice.getByRole('button', { name: 'Post comment' }).click();
  await expect(alice).toHaveURL(new RegExp(`${talkPage}#comment-\\d+$`));
  const id = Number(/#comment-(\d+)$/.exec(alice.url())![1]);
  const posted = alice.locator(`#comment-${id}`);
  await expect(posted).toContainText(tag);
  const link = posted.getByRole('link', { name: 'https://istio.io/latest/docs/concepts/security/' });
  await expect(link).toHaveAttribute('href', 'https://istio.io/latest/docs/concepts/security/');
  await expect(link).toHaveAttribute('rel', 'nofollow ugc noopener');

  // A blank comment is refused by name, in the form's live region, and nothing is posted.
  await alice.getByRole('button', { name: 'Post comment' }).click();
  await expect(alice.locator('#comment-body-error')).toContainText('body is required');

  // On a proposal too.
  const proposalId = await proposeOverApi(
    alice.request,
    { ...cell, feature: 'rate-limiting' },
    {
      support: 'partial',
      note: `discussion spec ${tag}`,
      sources: [{ url: 'https://istio.io/latest/docs/tasks/policy-enforcement/' }],
    },
  );
  await alice.goto(`/proposals/${proposalId}`);
  await alice.getByLabel('Add a comment').fill(`Local rate limits only, see https://istio.io/ ${tag}`);
  await alice.getByRole('button', { name: 'Post comment' }).click();
  await expect(alice).toHaveURL(new RegExp(`/proposals/${proposalId}#comment-\\d+$`));
  await expect(alice.locator('#discussion')).toContainText(`Local rate limits only`);
  await expect(alice.locator('#discussion').getByRole('link', { name: 'https://istio.io/' })).toHaveAttribute(
    'rel',
    'nofollow ugc noopener',
  );

  // A moderator hides the cell comment with a reason.
  const mo = await pageAs('mo');
  await mo.goto(talkPage);
  await mo.getByLabel(`Reason for hiding comment ${id}`).fill('Off topic for this cell');
  await mo.getByRole('button', { name: `Hide comment ${id}` }).click();
  await expect(mo.locator(`#comment-${id}`)).toContainText('Hidden by a moderator: Off topic for this cell');
  await expect(mo.locator(`#comment-${id}`)).toContainText(tag);
  await expect(mo.getByRole('button', { name: `Show again comment ${id}` })).toBeVisible();

  // Anonymous readers see only that a comment was hidden: on the cached cell page and on the talk page.
  const anonymous = await pageAs('anonymous');
  await expect(async () => {
    await anonymous.goto(cellPage);
    await expect(anonymous.locator(`#comment-${id}`)).toHaveText(/A comment was hidden by a moderator/, {
      timeout: 1000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(anonymous.locator('#discussion')).not.toContainText(tag);
  await anonymous.goto(talkPage);
  await expect(anonymous.locator(`#comment-${id}`)).toContainText('A comment was hidden by a moderator');
  await expect(anonymous.locator('#discussion')).not.toContainText(tag);
  await expect(anonymous.getByRole('link', { name: 'Sign in to comment' })).toBeVisible();
  const api = await (await anonymous.request.get(`/api/v1/comments?mesh=istio&version=1.3&feature=mtls`)).json();
  expect(api.comments.find((c: { id: number }) => c.id === id)).toEqual({
    id,
    createdAt: expect.any(String),
    hidden: true,
    hiddenReason: 'Off topic for this cell',
  });

  // Its author still reads it, marked hidden with the reason.
  await alice.goto(talkPage);
  await expect(alice.locator(`#comment-${id}`)).toContainText('Hidden by a moderator: Off topic for this cell');
  await expect(alice.locator(`#comment-${id}`)).toContainText(tag);

  // Hiding it again is a conflict; the proposal is withdrawn so other specs find the cell as it was.
  expect((await postJson(mo.request, `/api/v1/comments/${id}/hide`, { reason: 'again' })).status()).toBe(409);
  expect((await postJson(alice.request, `/api/v1/proposals/${proposalId}/withdraw`, {})).status()).toBe(200);
});

for (const path of ['/rows/mtls', cellPage, talkPage]) {
  test(`axe finds no violations on ${path}`, async ({ pageAs }) => {
    // Signed in, so the comment form is on the page too.
    const page = await pageAs('alice');
    await page.goto(path);
    await expect(page.locator('#discussion')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`axe finds no colour-contrast violations on ${path} in dark mode`, async ({ pageAs }) => {
    const page = await pageAs('alice', { colorScheme: 'dark' });
    await page.goto(path);
    await expect(page.locator('#discussion')).toBeVisible();
    await expectNoAxeViolations(page, { colorContrastOnly: true });
  });
}
