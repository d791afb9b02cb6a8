package io.github.servermanager.clients.feign;

import io.github.servermanager.testsupport.Backends;
import io.github.servermanager.testsupport.LoadBalancedClientContract;

import org.springframework.cloud.openfeign.loadbalancer.RetryableFeignBlockingLoadBalancerClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * OpenFeign with Spring Retry on the class path: Spring Cloud OpenFeign then retries a
 * request that could not reach its server on the next one (once, by default), and the
 * caller sees no error.
 */
class FeignWithSpringRetryTests extends LoadBalancedClientContract {

	private FeignClientApplication.BackendClient client;

	@Override
	protected AutoCloseable startClient(Backends backends) {
		assumeThat(System.getProperty("without-spring-retry")).as("runs where Spring Retry is on the class path")
			.isNull();
		assertThat(ClassUtils.isPresent("org.springframework.retry.support.RetryTemplate", null)).isTrue();
		ConfigurableApplicationContext context = FeignClientApplication.start(backends);
		assertThat(context.getBean(feign.Client.class)).isInstanceOf(RetryableFeignBlockingLoadBalancerClient.class);
		this.client = context.getBean(FeignClientApplication.BackendClient.class);
		return context;
	}

	@Override
	protected String whoami() {
		return this.client.whoami();
	}

	@Override
	protected boolean retriesOnConnectionFailure() {
		return true;
	}

}
