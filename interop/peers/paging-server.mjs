// A peer built on the official TypeScript SDK server (@modelcontextprotocol/server, v2) whose lists
// come in pages: 7 tools, 3 per page (cursor = the index of the next tool). Served over Streamable HTTP
// at /mcp on 127.0.0.1 (with loopback.mjs preloaded: PORT=0 picks a free port, printed on stderr).
import http from 'node:http';
import { Readable } from 'node:stream';
import { Server, createMcpHandler } from '@modelcontextprotocol/server';

const TOOLS = Array.from({ length: 7 }, (_, i) => ({
    name: `tool-${i + 1}`,
    description: `Tool ${i + 1} of 7`,
    inputSchema: { type: 'object', properties: {} },
}));
const PAGE = 3;

function factory() {
    const server = new Server({ name: 'paging-server', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler('tools/list', async (request) => {
        const start = request.params?.cursor ? Number(request.params.cursor) : 0;
        if (!Number.isInteger(start) || start < 0 || start >= TOOLS.length) {
            throw new Error(`invalid cursor: ${request.params?.cursor}`);
        }
        const end = Math.min(start + PAGE, TOOLS.length);
        return end < TOOLS.length ? { tools: TOOLS.slice(start, end), nextCursor: String(end) }
            : { tools: TOOLS.slice(start, end) };
    });
    server.setRequestHandler('tools/call', async (request) => ({
        content: [{ type: 'text', text: `called ${request.params.name}` }],
    }));
    return server;
}

const handler = createMcpHandler(factory);

http.createServer(async (req, res) => {
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
        });
        const response = await handler.fetch(request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) {
            Readable.fromWeb(response.body).pipe(res);
        } else {
            res.end();
        }
    } catch (error) {
        process.stderr.write(`paging-server: ${error?.stack ?? error}\n`);
        if (!res.headersSent) {
            res.writeHead(500);
        }
        res.end();
    }
}).listen(Number(process.env.PORT ?? 0));
