package dev.mcpclient.interop;

import dev.mcpclient.interop.support.DualEraServer;

/**
 * The TypeScript SDK's dual-era server ({@link DualEraServer}: 2026-07-28 and the handshake era on one
 * endpoint): its facts for the tests of {@link ModernPeerContract}; a class per era names the column and the
 * era ({@link DualEraServerModernTest}, {@link DualEraServerLegacyTest}), so that the same tests run in both.
 */
abstract class DualEraServerContract extends ModernPeerContract {

    @Override
    String serverName() {
        return DualEraServer.NAME;
    }

    @Override
    String readme() {
        return DualEraServer.README;
    }

    @Override
    String readmeText() {
        return DualEraServer.README_TEXT;
    }

    @Override
    String notesTemplate() {
        return DualEraServer.NOTES_TEMPLATE;
    }

    @Override
    String logger() {
        return DualEraServer.LOGGER;
    }
}
