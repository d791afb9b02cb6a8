/**
 * The client-side server manager, ported from Consul's {@code agent/router/manager.go}.
 * <p>
 * Plain Java with no framework import: callers feed it membership, tell it of failures
 * and ask it when to rebalance next. Everything here is safe for concurrent use.
 */
@NullMarked
package io.github.servermanager.core;

import org.jspecify.annotations.NullMarked;
