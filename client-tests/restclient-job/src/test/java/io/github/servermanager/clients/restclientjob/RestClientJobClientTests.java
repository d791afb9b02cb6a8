package io.github.servermanager.clients.restclientjob;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * The client contract through the job's {@code @LoadBalanced} RestClient on the JDK
 * {@code HttpClient}, without Spring Retry: the request that meets a stopped server
 * fails, and moves it away for the next ones.
 */
class RestClientJobClientTests extends LoadBalancedClientContract {

	private RestClientJobApplication.BackendClient client;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		var context = RestClientJobApplication.start(backends);
		this.client = context.getBean(RestClientJobApplication.BackendClient.class);
		return context;
	}

	@Override
	protected String whoami() {
		return this.client.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return false;
	}

}
