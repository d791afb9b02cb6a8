/**
 * Spring Cloud LoadBalancer integration: the per-service supplier that keeps a service's
 * manager in step with discovery, the balancer that picks the front server, and the
 * lifecycle that reports failures.
 */
@NullMarked
package io.github.servermanager.loadbalancer;

import org.jspecify.annotations.NullMarked;
