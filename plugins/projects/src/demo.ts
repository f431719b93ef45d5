export async function projectsDemo(): Promise<void> {}
