package io.github.servermanager.autoconfigure;

import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;

/**
 * Applies a changed {@code server-manager.services.<id>.secure} at runtime (the seed's
 * UpdateTLS), when Spring Cloud Context reports environment changes.
 */
@AutoConfiguration(after = ServerManagerAutoConfiguration.class)
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean(ServerManagerRegistry.class)
public class ServerManagerRefreshAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerManagerEnvironmentChangeListener serverManagerEnvironmentChangeListener(ServerManagerRegistry registry) {
		return new ServerManagerEnvironmentChangeListener(registry);
	}

}
