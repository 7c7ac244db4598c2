// npm-profile's web-login polling, an entry point of its own (dist/webAuth.js): it brings
// npm-registry-fetch's whole HTTP stack, which only a publish waiting for browser approval needs.
export { pollForWebToken } from '../core/account/webAuthPoll';
