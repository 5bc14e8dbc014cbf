// A peer built on the official TypeScript SDK server (@modelcontextprotocol/server, v2) that serves BOTH
// protocol eras on one endpoint, /mcp on 127.0.0.1 (PORT: the port, 0 or unset: a free one; the URL is
// printed on stdout as "dual-era-server: listening at http://127.0.0.1:<port>/mcp"):
//
// - 2026-07-28 (server/discover, per-request _meta, no sessions; multi-round-trip input_required results
//   instead of server-to-client requests; changes on subscriptions/listen streams): createMcpHandler with
//   legacy: 'reject', the SDK's modern entry;
// - the handshake era (initialize at 2025-11-25, 2025-06-18 or 2025-03-26): a sessionful streamable HTTP
//   transport per session (WebStandardStreamableHTTPServerTransport), routed with the SDK's own
//   isLegacyRequest, so that the server can make requests of the client (sampling, elicitation, roots) and
//   send notifications on the session's GET stream, which the SDK's stateless legacy fallback cannot.
//
// One factory (build) defines the features of both eras. Tools: echo(text), add(a, b), fail() (the tool's
// own error), whoami() (the client's name and version), capabilities() (the client capabilities, e.g.
// "roots=true sampling=false elicitation=false"), count(steps) (a progress notification per step),
// weather(city) (structured content with an output schema), locate(region) (x-mcp-header: Region; the
// server does not check Mcp-Param-Region: a call without it is answered), log(message) (a warning
// notifications/message of the logger "ts", through the SDK's level filter), wait(ms, id) (answers after ms,
// at most 10 s, unless its request is cancelled first: then id is noted), cancelled(id) ("cancelled <id>"
// once that wait was cancelled, waiting up to 5 s for it, else "not cancelled <id>"), sample(question),
// elicit() and roots() (legacy: requests to the client; 2026-07-28: input_required, then the retry), touch()
// (notifications/resources/updated of file:///ts/readme.txt to its subscribers) and add_tool(name) (adds a
// tool answering its name; notifications/tools/list_changed). One resource (file:///ts/readme.txt), one
// resource template (file:///ts/notes/{name}), one prompt, greeting(name), with completions of name.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
    Server,
    WebStandardStreamableHTTPServerTransport,
    createMcpHandler,
    inputRequired,
    inputResponse,
    isLegacyRequest,
} from '@modelcontextprotocol/server';

const NAME = 'dual-era-server';
const VERSION = '2.4.0';
const README = 'file:///ts/readme.txt';
const README_TEXT = 'hello from the TypeScript SDK';
const NOTES_TEMPLATE = 'file:///ts/notes/{name}';
const NOTES_PREFIX = 'file:///ts/notes/';
const LOGGER = 'ts';
const MODERN = '2026-07-28';
const VERSIONS = [MODERN, '2025-11-25', '2025-06-18', '2025-03-26'];

const object = (properties, required) => ({ type: 'object', properties, ...(required ? { required } : {}) });
const text = (value, isError) => ({ content: [{ type: 'text', text: String(value) }], ...(isError ? { isError: true } : {}) });
// Java's Map.toString, as the Java SDK servers say it: {name=Grace}
const entries = (map) => `{${Object.entries(map ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}}`;

// Tools added by add_tool, for every era and session from then on.
const added = [];
// The ids of the wait calls that were cancelled (their request's signal aborted), and each as it happens.
const MAX_WAIT_MS = 10000;
const cancelledWaits = new Set();
const cancellations = new EventEmitter();
// The legacy sessions: id -> { transport, server, subscriptions }.
const sessions = new Map();

const TOOLS = [
    { name: 'echo', description: 'The echo tool', inputSchema: object({ text: { type: 'string' } }) },
    { name: 'add', description: 'The add tool', inputSchema: object({ a: { type: 'number' }, b: { type: 'number' } }) },
    { name: 'fail', description: 'The fail tool', inputSchema: object({}) },
    { name: 'whoami', description: 'The whoami tool', inputSchema: object({}) },
    { name: 'capabilities', description: 'The capabilities tool', inputSchema: object({}) },
    { name: 'count', description: 'Counts to steps, one progress notification per step', inputSchema: object({ steps: { type: 'integer' } }) },
    {
        name: 'weather',
        description: 'The weather of a city, as structured content',
        inputSchema: object({ city: { type: 'string' } }),
        outputSchema: object({ city: { type: 'string' }, temperature: { type: 'number' } }, ['city', 'temperature']),
    },
    { name: 'locate', description: 'The locate tool', inputSchema: object({ region: { type: 'string', 'x-mcp-header': 'Region' } }) },
    { name: 'log', description: 'Sends a warning log message', inputSchema: object({ message: { type: 'string' } }) },
    { name: 'wait', description: 'Answers after ms (at most 10 s), unless cancelled first', inputSchema: object({ ms: { type: 'integer' }, id: { type: 'string' } }) },
    { name: 'cancelled', description: 'Whether the wait of id was cancelled, waiting up to 5 s for it', inputSchema: object({ id: { type: 'string' } }) },
    { name: 'sample', description: 'The sample tool', inputSchema: object({ question: { type: 'string' } }) },
    { name: 'elicit', description: 'The elicit tool', inputSchema: object({}) },
    { name: 'roots', description: 'The roots tool', inputSchema: object({}) },
    { name: 'touch', description: 'The touch tool', inputSchema: object({}) },
    { name: 'add_tool', description: 'The add_tool tool', inputSchema: object({ name: { type: 'string' } }) },
];

const WHO = object({ name: { type: 'string' } }, ['name']);

/** A server instance for one era: a modern request, or a legacy session. */
function build(era) {
    const server = new Server(
        { name: NAME, version: VERSION },
        {
            supportedProtocolVersions: VERSIONS,
            capabilities: {
                tools: { listChanged: true },
                resources: { subscribe: true, listChanged: true },
                prompts: { listChanged: true },
                completions: {},
                logging: {},
            },
        },
    );
    const subscriptions = new Set();
    server.subscriptions = subscriptions;

    server.setRequestHandler('tools/list', async () => ({
        tools: [...TOOLS, ...added.map((name) => ({ name, description: `The ${name} tool`, inputSchema: object({}) }))],
    }));

    server.setRequestHandler('tools/call', async (request, ctx) => {
        const args = request.params.arguments ?? {};
        const meta = request.params._meta ?? {};
        switch (request.params.name) {
            case 'echo':
                return text(args.text);
            case 'add':
                return text(Math.trunc(args.a) + Math.trunc(args.b));
            case 'fail':
                return text('this tool always fails', true);
            case 'whoami': {
                const client = server.getClientVersion() ?? meta['io.modelcontextprotocol/clientInfo'];
                return text(client ? `${client.name} ${client.version}` : 'anonymous');
            }
            case 'capabilities': {
                const declared = server.getClientCapabilities() ?? meta['io.modelcontextprotocol/clientCapabilities'] ?? {};
                return text(`roots=${declared.roots != null} sampling=${declared.sampling != null} elicitation=${declared.elicitation != null}`);
            }
            case 'count': {
                const steps = args.steps ?? 3;
                const token = meta.progressToken;
                for (let i = 1; i <= steps; i++) {
                    if (token !== undefined) {
                        await ctx.mcpReq.notify({
                            method: 'notifications/progress',
                            params: { progressToken: token, progress: i, total: steps, message: `step ${i} of ${steps}` },
                        });
                    }
                }
                return text(`counted to ${steps}`);
            }
            case 'weather':
                return {
                    content: [{ type: 'text', text: JSON.stringify({ city: args.city, temperature: 21.5 }) }],
                    structuredContent: { city: args.city, temperature: 21.5 },
                };
            case 'locate':
                return text(`region: ${args.region}`);
            case 'log':
                // The SDK's own logging: sent only at or above the client's level (2026-07-28: the level of the
                // request's _meta, none without one; the handshake era: the session's logging/setLevel).
                await ctx.mcpReq.log('warning', String(args.message), LOGGER);
                return text('logged');
            case 'wait': {
                const ms = Math.min(Number(args.ms ?? 0), MAX_WAIT_MS);
                const id = String(args.id);
                const signal = ctx.mcpReq.signal;
                const outcome = await new Promise((resolve) => {
                    const timer = setTimeout(() => resolve('waited'), ms);
                    const abort = () => {
                        clearTimeout(timer);
                        resolve('cancelled');
                    };
                    if (signal?.aborted) {
                        abort();
                    } else {
                        signal?.addEventListener('abort', abort, { once: true });
                    }
                });
                if (outcome === 'cancelled') {
                    cancelledWaits.add(id);
                    cancellations.emit('cancelled', id);
                    return text('cancelled');
                }
                return text(`waited ${ms} ms`);
            }
            case 'cancelled': {
                const id = String(args.id);
                if (!cancelledWaits.has(id)) {
                    await new Promise((resolve) => {
                        const timer = setTimeout(done, 5000);
                        function done() {
                            clearTimeout(timer);
                            cancellations.off('cancelled', seen);
                            resolve();
                        }
                        function seen(cancelled) {
                            if (cancelled === id) {
                                done();
                            }
                        }
                        cancellations.on('cancelled', seen);
                    });
                }
                return text(`${cancelledWaits.has(id) ? 'cancelled' : 'not cancelled'} ${id}`);
            }
            case 'sample': {
                const params = { messages: [{ role: 'user', content: { type: 'text', text: String(args.question) } }], maxTokens: 50 };
                if (era === 'legacy') {
                    const answer = await ctx.mcpReq.requestSampling(params);
                    return text(`sampled: ${answer.content.text} by ${answer.model}`);
                }
                const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
                if (answer.kind !== 'sampling') {
                    return inputRequired({ inputRequests: { answer: inputRequired.createMessage(params) }, requestState: 'sample' });
                }
                return text(`sampled: ${answer.result.content.text} by ${answer.result.model}`);
            }
            case 'elicit': {
                const params = { mode: 'form', message: 'Who are you?', requestedSchema: WHO };
                if (era === 'legacy') {
                    const answer = await ctx.mcpReq.elicitInput(params);
                    return text(`elicited: ${answer.action.toUpperCase()} ${entries(answer.content)}`);
                }
                const answer = inputResponse(ctx.mcpReq.inputResponses, 'name');
                if (answer.kind !== 'elicit') {
                    return inputRequired({
                        inputRequests: { name: inputRequired.elicit({ message: params.message, requestedSchema: WHO }) },
                        requestState: 'elicit',
                    });
                }
                return text(`elicited: ${answer.action.toUpperCase()} ${entries(answer.content)}`);
            }
            case 'roots': {
                let roots;
                if (era === 'legacy') {
                    roots = (await server.listRoots()).roots;
                } else {
                    const answer = inputResponse(ctx.mcpReq.inputResponses, 'roots');
                    if (answer.kind !== 'roots') {
                        return inputRequired({ inputRequests: { roots: inputRequired.listRoots() } });
                    }
                    roots = answer.roots;
                }
                return text(`roots: [${roots.map((r) => `${r.uri} (${r.name})`).join(', ')}]`);
            }
            case 'touch':
                resourceUpdated(README);
                return text('touched');
            case 'add_tool':
                added.push(String(args.name));
                toolsChanged();
                return text(`added ${args.name}`);
            default:
                if (added.includes(request.params.name)) {
                    return text(request.params.name);
                }
                throw new Error(`unknown tool: ${request.params.name}`);
        }
    });

    server.setRequestHandler('resources/list', async () => ({
        resources: [{ uri: README, name: 'readme', mimeType: 'text/plain' }],
    }));
    server.setRequestHandler('resources/templates/list', async () => ({
        resourceTemplates: [{ uriTemplate: NOTES_TEMPLATE, name: 'notes' }],
    }));
    server.setRequestHandler('resources/read', async (request) => {
        const uri = request.params.uri;
        if (uri !== README && !uri.startsWith(NOTES_PREFIX)) {
            throw new Error(`unknown resource: ${uri}`);
        }
        return { contents: [{ uri, mimeType: 'text/plain', text: uri === README ? README_TEXT : 'a note' }] };
    });
    if (era === 'legacy') {
        server.setRequestHandler('resources/subscribe', async (request) => {
            subscriptions.add(request.params.uri);
            return {};
        });
        server.setRequestHandler('resources/unsubscribe', async (request) => {
            subscriptions.delete(request.params.uri);
            return {};
        });
    }

    server.setRequestHandler('prompts/list', async () => ({
        prompts: [{ name: 'greeting', description: 'Greets someone', arguments: [{ name: 'name', description: 'Who to greet', required: true }] }],
    }));
    server.setRequestHandler('prompts/get', async (request) => {
        if (request.params.name !== 'greeting') {
            throw new Error(`unknown prompt: ${request.params.name}`);
        }
        return {
            description: 'A greeting',
            messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${request.params.arguments?.name}!` } }],
        };
    });
    server.setRequestHandler('completion/complete', async (request) => ({
        completion: { values: ['Ada', 'Alan', 'Grace'].filter((n) => n.startsWith(request.params.argument.value)) },
    }));
    return server;
}

// ---------------------------------------------------------------- changes, to both eras

const modern = createMcpHandler(() => build('modern'), {
    legacy: 'reject',
    onerror: (error) => process.stderr.write(`dual-era-server (modern): ${error?.stack ?? error}\n`),
});

function toolsChanged() {
    modern.notify.toolsChanged();
    for (const { server } of sessions.values()) {
        server.sendToolListChanged().catch(() => {});
    }
}

function resourceUpdated(uri) {
    modern.notify.resourceUpdated(uri);
    for (const { server } of sessions.values()) {
        if (server.subscriptions.has(uri)) {
            server.sendResourceUpdated({ uri }).catch(() => {});
        }
    }
}

// ---------------------------------------------------------------- the handshake era, with sessions

async function legacy(request) {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId) {
        const session = sessions.get(sessionId);
        if (!session) {
            return Response.json({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }, { status: 404 });
        }
        return session.transport.handleRequest(request);
    }
    if (request.method !== 'POST') {
        return new Response('Method not allowed without a session', { status: 405, headers: { Allow: 'POST' } });
    }
    // A new session: the transport answers anything but initialize itself (400).
    const server = build('legacy');
    const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
            sessions.set(id, { transport, server });
        },
        onsessionclosed: (id) => {
            sessions.delete(id);
        },
    });
    transport.onclose = () => {
        if (transport.sessionId) {
            sessions.delete(transport.sessionId);
        }
    };
    await server.connect(transport);
    return transport.handleRequest(request);
}

// ---------------------------------------------------------------- HTTP

async function route(request) {
    if (new URL(request.url).pathname !== '/mcp') {
        return new Response('Not found', { status: 404 });
    }
    return (await isLegacyRequest(request)) ? legacy(request) : modern.fetch(request);
}

const httpServer = http.createServer(async (req, res) => {
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    try {
        const chunks = [];
        for await (const chunk of req) {
            chunks.push(chunk);
        }
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const request = new Request(`http://127.0.0.1${req.url}`, {
            method: req.method,
            headers: req.headers,
            body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
            signal: aborted.signal,
        });
        const response = await route(request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
            // Node holds the headers back until the first body chunk: an event stream that has nothing to say
            // yet (the session's GET stream) must be seen open by the client all the same.
            res.flushHeaders();
        }
        if (response.body) {
            Readable.fromWeb(response.body).on('error', () => res.destroy()).pipe(res);
        } else {
            res.end();
        }
    } catch (error) {
        process.stderr.write(`dual-era-server: ${error?.stack ?? error}\n`);
        if (!res.headersSent) {
            res.writeHead(500);
        }
        res.end();
    }
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`dual-era-server: listening at http://127.0.0.1:${httpServer.address().port}/mcp\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, async () => {
        await modern.close().catch(() => {});
        for (const { transport } of sessions.values()) {
            await transport.close().catch(() => {});
        }
        process.exit(0);
    });
}
