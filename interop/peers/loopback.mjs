// Preloaded (node --import) into an npm peer server: every server it starts listens on 127.0.0.1 only,
// on the port the PORT variable gives (0: any free port), and the actual port is printed on stderr as
// "interop: listening on 127.0.0.1:<port>" so that the tests know when and where it is ready.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    let port = args[0];
    if (port !== null && typeof port === 'object') {
        port = port.port;
    }
    this.once('listening', () => {
        process.stderr.write(`interop: listening on 127.0.0.1:${this.address().port}\n`);
    });
    return listen.call(this, { port: Number(port) || 0, host: '127.0.0.1' }, callback);
};
