package io.github.servermanager.clients.feign;

import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;

/**
 * OpenFeign without Spring Retry, as most applications have it: the request that meets a
 * stopped server fails, and moves it away for the next ones. Surefire runs this class in
 * an execution of its own whose class path leaves Spring Retry out (see the pom).
 */
class FeignWithoutSpringRetryTests extends FeignClientTests {

	FeignWithoutSpringRetryTests() {
		super(false, FeignBlockingLoadBalancerClient.class);
	}

}
