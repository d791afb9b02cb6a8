/**
 * The client application the load-balancer benchmarks and the failover comparison start:
 * the same beans whichever balancer runs, so that only the balancer differs.
 */
@NullMarked
package io.github.servermanager.benchmarks.clientapp;

import org.jspecify.annotations.NullMarked;
