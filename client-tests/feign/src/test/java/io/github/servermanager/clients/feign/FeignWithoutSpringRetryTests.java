package io.github.servermanager.clients.feign;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * OpenFeign without Spring Retry, as most applications have it: the request that meets a
 * stopped server fails, and moves it away for the next ones. Surefire runs this class in
 * an execution of its own whose class path leaves Spring Retry out (see the pom).
 */
class FeignWithoutSpringRetryTests extends LoadBalancedClientContract {

	private FeignClientApplication.BackendClient client;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		assumeThat(System.getProperty("without-spring-retry")).as("runs in the execution without Spring Retry")
			.isEqualTo("true");
		assertThat(ClassUtils.isPresent("org.springframework.retry.support.RetryTemplate", null)).isFalse();
		ConfigurableApplicationContext context = FeignClientApplication.start(backends);
		assertThat(context.getBean(feign.Client.class)).isExactlyInstanceOf(FeignBlockingLoadBalancerClient.class);
		this.client = context.getBean(FeignClientApplication.BackendClient.class);
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
