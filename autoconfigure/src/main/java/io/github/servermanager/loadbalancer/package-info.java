/**
 * Spring Cloud LoadBalancer integration: the per-service supplier that keeps a
 * {@link io.github.servermanager.core.ServerManager} in step with discovery, the balancer
 * that picks the front server, the lifecycle that reports failures, and the registry and
 * scheduler that rebalance every manager.
 */
@NullMarked
package io.github.servermanager.loadbalancer;

import org.jspecify.annotations.NullMarked;
