/**
 * The fleet benchmark: many client applications in one JVM, each with its own connection
 * pools, against backends that never close an idle connection, counting the connections
 * the backends hold under the server manager and under Spring's round robin.
 */
@NullMarked
package io.github.servermanager.benchmarks.fleet;

import org.jspecify.annotations.NullMarked;
