package io.github.servermanager.autoconfigure;

import io.github.servermanager.loadbalancer.RebalanceScheduler;
import io.github.servermanager.loadbalancer.ServerManagerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Rebalances every service on a {@code @Scheduled} tick. Enabling scheduling is a side
 * effect on the whole application: its own {@code @Scheduled} methods start running too.
 * Set {@code server-manager.scheduling.enabled=false} to opt out and rebalance through
 * {@link ServerManagerRegistry} yourself.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class, before = TaskSchedulingAutoConfiguration.class)
@ConditionalOnProperty(prefix = ServerManagerProperties.PREFIX, name = "scheduling.enabled", matchIfMissing = true)
@ConditionalOnBean(ServerManagerRegistry.class)
@EnableScheduling
public class ServerManagerSchedulingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public RebalanceScheduler serverManagerRebalanceScheduler(ServerManagerRegistry registry,
			ServerManagerSettings settings) {
		return new RebalanceScheduler(registry, settings.getProperties().getScheduling().getMaxThreads());
	}

}
