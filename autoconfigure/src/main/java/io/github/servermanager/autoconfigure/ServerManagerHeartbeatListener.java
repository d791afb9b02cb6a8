package io.github.servermanager.autoconfigure;

import io.github.servermanager.service.ServerManagerRegistry;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;

/**
 * Pulls membership at once when discovery publishes a heartbeat, rather than at the next
 * refresh. Service contexts are children of the application context and do not hear its
 * events, hence a listener here.
 */
class ServerManagerHeartbeatListener implements ApplicationListener<HeartbeatEvent> {

	private final ServerManagerRegistry registry;

	ServerManagerHeartbeatListener(ServerManagerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(HeartbeatEvent event) {
		this.registry.refreshMembership();
	}

}
