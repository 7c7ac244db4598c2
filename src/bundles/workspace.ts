// The packages view (dist/workspace.js, esbuild.mjs): the workspace's package list, its rows and
// their background statuses, required the first time the view shows or a release needs the list;
// and the CI checklist of trusted publishing as Problems entries with their quick fixes, required
// with the first status.
export { PackagesView } from '../ui/packagesView';
export { CiDiagnostics, ciChecklist } from '../ui/ciDiagnostics';
