// The HTTP agents of the extension's own requests; a module of its own so that the activation
// bundle can use it without npm's credential lookup (npm-package-arg, semver) that registryHttp needs.
import * as http from 'node:http';
import * as https from 'node:https';

/**
 * Node's own agents, not npm's (@npmcli/agent). Inside VS Code the extension host wraps every
 * agent for its proxy support and later calls the wrapped agent's addRequest; @npmcli/agent then
 * sets a header on a request whose headers were already sent (ERR_HTTP_HEADERS_SENT) and the request
 * hangs. Node's agents are what VS Code's wrapper expects, and proxies come from VS Code's settings.
 */
export function nodeAgentFor(url: string): http.Agent {
  return url.startsWith('https:') ? https.globalAgent : http.globalAgent;
}
