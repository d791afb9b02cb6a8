package io.github.servermanager.clients.httpservice;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * An HTTP service group backed by RestClient, without Spring Retry on the class path: the
 * request that meets a stopped server fails, and moves it away for the next ones.
 */
class RestClientHttpServiceTests extends LoadBalancedClientContract {

	private BackendService service;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		var context = HttpServiceClientsApplication.start(HttpServiceClientsApplication.RestClientGroup.class,
				backends);
		this.service = context.getBean(BackendService.class);
		return context;
	}

	@Override
	protected String whoami() {
		return this.service.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return false;
	}

}
