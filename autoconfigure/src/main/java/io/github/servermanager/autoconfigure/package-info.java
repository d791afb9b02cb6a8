/**
 * Auto-configuration of the server manager for Spring Cloud LoadBalancer: properties,
 * their validation, and the per-service load-balancer configuration.
 */
@NullMarked
package io.github.servermanager.autoconfigure;

import org.jspecify.annotations.NullMarked;
