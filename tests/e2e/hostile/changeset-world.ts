import type Database from 'better-sqlite3';
import { changesetSharedFields, releaseFormFields } from './changeset-form';
import { MESH, RELEASE, type World } from './types';

export const CHANGESET_SOURCE = { url: 'https://docs.nginx.com/nginx-service-mesh/', title: null };

/** The changesets the sweep works on, on NGINX cells the other fixtures leave alone (none has a value yet). */
export const changesetFixtures = {
  alice: { title: 'Sweep changeset', cells: ['production-ready', 'sidecarless-mode'] },
  mo: { title: 'Sweep changeset of mo', cells: ['automatic-sidecar-injection'] },
  feedback: { title: 'Sweep changeset to revise', cells: ['per-node-agent'] },
  feedbackProposal: 'ha-control-plane',
  rationale: 'sweep fixture',
};

export function changesetBody(title: string, cells: string[]) {
  return {
    title,
    sources: [{ url: CHANGESET_SOURCE.url }],
    rationale: changesetFixtures.rationale,
    changes: cells.map((feature) => ({ mesh: MESH, version: RELEASE, feature, support: 'yes' })),
  };
}

export function singleProposalBody() {
  return {
    mesh: MESH,
    version: RELEASE,
    feature: changesetFixtures.feedbackProposal,
    support: 'partial',
    note: changesetFixtures.rationale,
    sources: [{ url: CHANGESET_SOURCE.url }],
    rationale: changesetFixtures.rationale,
  };
}

/** The forms' own fields, read from the database the sweep's pages read. */
export function changesetForms(
  sqlite: Database.Database,
  ids: { feedbackChangesetId: number; feedbackProposalId: number },
): Pick<World, 'releaseForm' | 'reviseForm' | 'reviseProposalForm'> {
  const here = { mesh: MESH, version: RELEASE };
  const sources: Record<string, string> = {};
  for (let i = 0; i < 5; i++) {
    sources[`sources.${i}.url`] = i === 0 ? CHANGESET_SOURCE.url : '';
    sources[`sources.${i}.title`] = '';
  }
  return {
    releaseForm: releaseFormFields(sqlite, MESH, RELEASE, {
      ...here,
      ...changesetSharedFields({ title: '', rationale: '', sources: [] }),
    }),
    reviseForm: releaseFormFields(
      sqlite,
      MESH,
      RELEASE,
      {
        ...here,
        id: String(ids.feedbackChangesetId),
        ...changesetSharedFields({
          title: changesetFixtures.feedback.title,
          rationale: changesetFixtures.rationale,
          sources: [CHANGESET_SOURCE],
        }),
      },
      Object.fromEntries(
        changesetFixtures.feedback.cells.map((cell) => [cell, { support: 'yes', text: null, note: null }]),
      ),
    ),
    reviseProposalForm: {
      ...here,
      feature: changesetFixtures.feedbackProposal,
      baseRevisionId: '',
      id: String(ids.feedbackProposalId),
      support: 'partial',
      note: changesetFixtures.rationale,
      ...sources,
      rationale: changesetFixtures.rationale,
    },
  };
}
