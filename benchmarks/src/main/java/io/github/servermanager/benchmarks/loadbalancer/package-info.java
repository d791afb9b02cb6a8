/**
 * JMH benchmarks of a full load-balancer {@code choose()}: the server manager's balancer
 * and supplier against Spring Cloud LoadBalancer's default chain.
 */
@NullMarked
package io.github.servermanager.benchmarks.loadbalancer;

import org.jspecify.annotations.NullMarked;
