/**
 * Closes the pooled idle connections of the application's HTTP clients to a server once
 * it is no longer the front of any service, so that each client really holds one
 * connection per service.
 */
@NullMarked
package io.github.servermanager.connection;

import org.jspecify.annotations.NullMarked;
