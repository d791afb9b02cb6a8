package io.github.servermanager.autoconfigure;

import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Re-reads every service's {@code secure} override when the environment changed.
 */
class ServerManagerEnvironmentChangeListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final ServerManagerRegistry registry;

	ServerManagerEnvironmentChangeListener(ServerManagerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		this.registry.refreshSecureOverrides();
	}

}
