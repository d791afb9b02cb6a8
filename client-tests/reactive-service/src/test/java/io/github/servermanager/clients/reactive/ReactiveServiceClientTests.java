package io.github.servermanager.clients.reactive;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * The client contract through the WebFlux service's {@code @LoadBalanced} WebClient, each
 * request sent to the service over loopback and relayed by it. Spring Cloud's reactive
 * retry is off by default: the request that meets a stopped server fails (the service
 * answers 500), and moves it away for the next ones.
 */
class ReactiveServiceClientTests extends LoadBalancedClientContract {

	private ReactiveServiceApplication.Service service;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		this.service = ReactiveServiceApplication.start(backends);
		return this.service;
	}

	@Override
	protected String whoami() throws Exception {
		return this.service.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return false;
	}

}
