package io.github.servermanager.autoconfigure;

import io.github.servermanager.service.RebalanceScheduler;
import io.github.servermanager.service.ServerManagerExecutor;
import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Rebalances every service on a tick of the starter's own timer thread. The application's
 * scheduling is not touched: its {@code @Scheduled} methods run only if it enables
 * scheduling itself. Set {@code server-manager.scheduling.enabled=false} to rebalance
 * through {@link ServerManagerRegistry} yourself.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnProperty(prefix = ServerManagerProperties.PREFIX, name = "scheduling.enabled", matchIfMissing = true)
@ConditionalOnBean(ServerManagerRegistry.class)
public class ServerManagerSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public RebalanceScheduler serverManagerRebalanceScheduler(ServerManagerRegistry registry,
			ServerManagerExecutor executor) {
		return new RebalanceScheduler(registry, executor, RebalanceScheduler.DEFAULT_TICK);
	}

}
