package io.github.servermanager.clients.gateway.webflux;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

/**
 * Spring Cloud Gateway Server WebFlux without a retry filter: the request that meets a
 * stopped server fails, the following ones go to the next server.
 */
class GatewayWebFluxTests extends LoadBalancedClientContract {

	private GatewayWebFluxApplication.Gateway gateway;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		this.gateway = GatewayWebFluxApplication.start(backends);
		return this.gateway;
	}

	@Override
	protected String whoami() throws Exception {
		return this.gateway.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return false;
	}

}
