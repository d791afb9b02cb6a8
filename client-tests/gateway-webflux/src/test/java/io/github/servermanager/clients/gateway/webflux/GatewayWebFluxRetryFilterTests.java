package io.github.servermanager.clients.gateway.webflux;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * Spring Cloud Gateway Server WebFlux with the {@code Retry} filter: it runs the load
 * balancer again for each attempt, and the failure of the first attempt has already moved
 * the server away, so the caller sees no error, neither for a stopped server nor for a
 * 503 (the filter retries the 5xx series on GET by default).
 */
class GatewayWebFluxRetryFilterTests extends LoadBalancedClientContract {

	private GatewayWebFluxApplication.Gateway gateway;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		this.gateway = GatewayWebFluxApplication.start(backends, "Retry=2");
		return this.gateway;
	}

	@Override
	protected String whoami() throws Exception {
		return this.gateway.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return true;
	}

}
