package io.github.servermanager.clients.httpservice;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * An HTTP service group backed by WebClient with Spring Cloud's reactive retry turned on:
 * a request that could not reach its server is retried on the next one, and the caller
 * sees no error.
 */
class WebClientHttpServiceTests extends LoadBalancedClientContract {

	private BackendService service;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		var context = HttpServiceClientsApplication.start(HttpServiceClientsApplication.WebClientGroup.class, backends,
				"spring.cloud.loadbalancer.retry.enabled=true");
		this.service = context.getBean(BackendService.class);
		return context;
	}

	@Override
	protected String whoami() {
		return this.service.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return true;
	}

}
