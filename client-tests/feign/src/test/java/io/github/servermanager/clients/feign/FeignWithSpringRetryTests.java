package io.github.servermanager.clients.feign;

import org.springframework.cloud.openfeign.loadbalancer.RetryableFeignBlockingLoadBalancerClient;

/**
 * OpenFeign with Spring Retry on the class path: Spring Cloud OpenFeign then retries a
 * request that could not reach its server on the next one (once, by default), and the
 * caller sees no error.
 */
class FeignWithSpringRetryTests extends FeignClientTests {

	FeignWithSpringRetryTests() {
		super(true, RetryableFeignBlockingLoadBalancerClient.class);
	}

}
