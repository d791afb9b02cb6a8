/**
 * The failover comparison: real backends on loopback, two client applications that differ
 * only in their balancer, and faults injected while they send requests.
 */
@NullMarked
package io.github.servermanager.benchmarks.failover;

import org.jspecify.annotations.NullMarked;
