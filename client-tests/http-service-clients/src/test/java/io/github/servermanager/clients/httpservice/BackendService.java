package io.github.servermanager.clients.httpservice;

import org.springframework.web.service.annotation.GetExchange;

/**
 * The service as an HTTP service interface. Its group is named after the service id and
 * has no base URL: Spring Cloud then points the group at {@code http://backend} through
 * the load balancer.
 */
interface BackendService {

	@GetExchange("/whoami")
	String whoami();

}
