/**
 * The authorization-code grant in a web application: a user signs in through the browser and comes
 * back to the application's callback endpoint ({@link dev.mcpclient.boot.autoconfigure.oauth.WebAuthorizationCodeHandler},
 * {@link dev.mcpclient.boot.autoconfigure.oauth.McpAuthorizationRequestedEvent}).
 */
package dev.mcpclient.boot.autoconfigure.oauth;
