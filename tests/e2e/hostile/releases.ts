/**
 * Hostile input for a mesh's release forms (/meshes/<mesh>/manage).
 */
import { MESH, MESH_NAME, RELEASE, script, long, type FormEntry } from './types';

export const formEntries: FormEntry[] = [
  {
    route: 'meshes/[slug]/manage',
    action: 'addReleaseAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: 'Add release' }),
    form: () => ({ mesh: MESH, label: '', releasedOn: '', releaseNotesUrl: '' }),
    valid: { label: '99.0-sweep' },
    cases: () => [
      { name: 'a script as label', set: { label: script }, shows: /label may contain letters, digits/ },
      { name: 'no label', set: { label: ' ' }, shows: /label must not be empty/ },
      { name: 'an over-long label', set: { label: long(41) }, shows: /label must be at most 40 characters/ },
      { name: 'a reserved label', set: { label: 'compare' }, shows: /label is a reserved word/ },
      { name: 'an existing label', set: { label: RELEASE }, shows: new RegExp(`label ${RELEASE} already exists`) },
      { name: 'February 30th', set: { releasedOn: '2023-02-30' }, shows: /releasedOn is not a real date/ },
      { name: 'a script as date', set: { releasedOn: script }, shows: /releasedOn must be a date like 2024-05-31/ },
      {
        name: 'a javascript: notes link',
        set: { releaseNotesUrl: 'javascript:alert(1)' },
        shows: /releaseNotesUrl must start with http:\/\/ or https:\/\//,
      },
      {
        name: 'a data: notes link',
        set: { releaseNotesUrl: `data:text/html,${script}` },
        shows: /releaseNotesUrl must start with http:\/\/ or https:\/\//,
      },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /There is no mesh "nosuchmesh"/ },
    ],
  },
  {
    route: 'meshes/[slug]/manage',
    action: 'updateReleaseAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: `Save ${RELEASE}` }),
    form: () => ({ mesh: MESH, label: RELEASE, releasedOn: '', releaseNotesUrl: '' }),
    cases: () => [
      { name: 'month 13', set: { releasedOn: '2023-13-01' }, shows: /releasedOn is not a real date/ },
      {
        name: 'a javascript: notes link',
        set: { releaseNotesUrl: 'javascript:alert(1)' },
        shows: /releaseNotesUrl must start with http:\/\/ or https:\/\//,
      },
      {
        name: 'an over-long notes link',
        set: { releaseNotesUrl: `https://example.com/${long(2100)}` },
        shows: /releaseNotesUrl is longer than 2048 characters/,
      },
      {
        name: 'a script as label',
        set: { label: script },
        shows: /has no release "<script>alert\(document\.domain\)<\/script>"/,
      },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /Page not found/, page: true },
    ],
  },
  {
    route: 'meshes/[slug]/manage',
    action: 'setMeshStatusAction',
    as: 'mo',
    page: () => `/meshes/${MESH}/manage`,
    submit: (page) => page.getByRole('button', { name: `Archive ${MESH_NAME}` }),
    form: () => ({ mesh: MESH, status: 'archived', reason: '', sourceUrl: '' }),
    valid: { reason: 'sweep', sourceUrl: 'https://example.com/status' },
    cases: () => [
      { name: 'an unknown status', set: { status: 'deleted' }, shows: /status must be active or archived/ },
      { name: 'a script as status', set: { status: script }, shows: /status must be active or archived/ },
      {
        name: 'the status it has',
        set: { status: 'active' },
        shows: new RegExp(`status ${MESH_NAME} is already active`),
      },
      { name: 'no reason', set: { reason: '' }, shows: /reason is required: say why/ },
      { name: 'an over-long reason', set: { reason: long(501) }, shows: /reason must be at most 500 characters/ },
      {
        name: 'no source',
        set: { sourceUrl: '' },
        shows: /sourceUrl is required: a link where the change can be checked/,
      },
      {
        name: 'a script URL as source',
        set: { sourceUrl: 'javascript:alert(1)' },
        shows: /sourceUrl must start with http:\/\/ or https:\/\//,
      },
      { name: 'a mesh we do not list', set: { mesh: 'nosuchmesh' }, shows: /Page not found/, page: true },
    ],
  },
];
