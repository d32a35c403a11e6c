export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareOnStart } = await import('./db/startup');
  prepareOnStart();
}
