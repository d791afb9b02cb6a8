/**
 * One service's runtime: its {@link io.github.servermanager.core.ServerManager} with its
 * schedule, failover check and records
 * ({@link io.github.servermanager.service.ManagedService}), the registry of every
 * service, and the starter's own threads that rebalance them.
 */
@NullMarked
package io.github.servermanager.service;

import org.jspecify.annotations.NullMarked;
