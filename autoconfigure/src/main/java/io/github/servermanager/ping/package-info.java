/**
 * Health checks a rebalance runs against a server before it puts the server in front.
 */
@NullMarked
package io.github.servermanager.ping;

import org.jspecify.annotations.NullMarked;
