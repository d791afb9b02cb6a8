/**
 * A discrete-event simulator that drives many real
 * {@link io.github.servermanager.core.ServerManager}s on a virtual clock, to measure how
 * their rebalance schedules load the servers.
 */
@NullMarked
package io.github.servermanager.benchmarks.simulator;

import org.jspecify.annotations.NullMarked;
