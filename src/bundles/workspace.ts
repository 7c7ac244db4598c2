// The packages view (dist/workspace.js, esbuild.mjs): the workspace's package list, its rows and
// their background statuses, required the first time the view shows or a release needs the list.
export { PackagesView } from '../ui/packagesView';
