package io.github.servermanager.loadbalancer;

import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import io.github.servermanager.service.FailureReason;
import io.github.servermanager.service.FailureRecord;
import io.github.servermanager.service.ManagedService;
import io.github.servermanager.service.ServerManagerObserver;
import io.github.servermanager.discovery.ServiceInstanceKeys;
import io.github.servermanager.service.TestServices;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.CompletionContext.Status;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultRequestContext;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which request outcomes rotate the front server away, and what is recorded.
 */
class ServerManagerLoadBalancerLifecycleTests {

	private final List<String> failovers = new ArrayList<>();

	private final List<String> unmatched = new ArrayList<>();

	private ManagedService service;

	private ServerManagerLoadBalancerLifecycle lifecycle;

	private ServiceInstance front;

	@BeforeEach
	void setUp() {
		this.service = TestServices.service(new ServerManagerObserver() {

			@Override
			public void failedOver(String serviceId, ServiceInstance failed, FailureReason reason) {
				ServerManagerLoadBalancerLifecycleTests.this.failovers
					.add(serviceId + " " + ServiceInstanceKeys.keyOf(failed) + " " + reason);
			}

		});
		this.service.manager().syncServers(TestServices.instances(3));
		this.front = this.service.manager().findServer();
		this.lifecycle = new ServerManagerLoadBalancerLifecycle(TestServices.SERVICE,
				TestServices.registryWith(this.service), List.of(new ServerManagerObserver() {

					@Override
					public void unmatchedFailure(String serviceId, ServiceInstance reported, FailureReason reason) {
						ServerManagerLoadBalancerLifecycleTests.this.unmatched
							.add(serviceId + " " + reported.getHost() + ":" + reported.getPort() + " " + reason);
					}

				}));
	}

	@Test
	void exceptionRotatesTheFrontAwayAndIsRecorded() {
		this.lifecycle.onComplete(new CompletionContext<>(Status.FAILED, new ConnectException("refused"),
				new DefaultRequest<>(), new DefaultResponse(this.front)));
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.failovers()).isOne();
		FailureRecord failure = this.service.lastFailure();
		assertThat(failure.instance()).isSameAs(this.front);
		assertThat(failure.reason()).isEqualTo(FailureReason.EXCEPTION);
		assertThat(failure.detail()).isEqualTo(ConnectException.class.getName());
		assertThat(this.failovers).containsExactly("backend " + ServiceInstanceKeys.keyOf(this.front) + " EXCEPTION");
	}

	@Test
	void failureStatusInResponseDataRotatesTheFrontAway() {
		complete(responseData(503));
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().reason()).isEqualTo(FailureReason.STATUS);
		assertThat(this.service.lastFailure().detail()).isEqualTo("503");
	}

	@Test
	void failureStatusInClientHttpResponseRotatesTheFrontAway() {
		complete(new MockClientHttpResponse(new byte[0], HttpStatus.BAD_GATEWAY));
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().detail()).isEqualTo("502");
	}

	@Test
	void statusNotListedAsFailureKeepsTheFront() {
		complete(responseData(500));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.lastFailure()).isNull();
		assertThat(this.service.failovers()).isZero();
	}

	@Test
	void successKeepsTheFront() {
		complete(responseData(200));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
	}

	@Test
	void discardedRequestChangesNothing() {
		this.lifecycle.onComplete(new CompletionContext<>(Status.DISCARD, new DefaultRequest<>(), new EmptyResponse()));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.lastFailure()).isNull();
	}

	@Test
	void lateFailureOfAServerNoLongerInFrontIsRecordedButMovesNothing() {
		ServiceInstance second = this.service.manager().servers().get(1);
		this.lifecycle.onComplete(new CompletionContext<>(Status.FAILED, new ConnectException("refused"),
				new DefaultRequest<>(), new DefaultResponse(second)));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.lastFailure().instance()).isSameAs(second);
		assertThat(this.service.failovers()).isZero();
		assertThat(this.failovers).isEmpty();
	}

	@Test
	void failureOfACopyWithoutInstanceIdRotatesTheServerAtItsAddress() {
		// Gateway Server Web MVC reports a copy of the chosen instance with no id.
		ServiceInstance copy = new DefaultServiceInstance(null, TestServices.SERVICE, this.front.getHost(),
				this.front.getPort(), this.front.isSecure());
		this.lifecycle.onComplete(new CompletionContext<>(Status.FAILED, new ConnectException("refused"),
				new DefaultRequest<>(), new DefaultResponse(copy)));
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().instance()).isSameAs(this.front);
		assertThat(this.failovers).hasSize(1);
		assertThat(this.unmatched).isEmpty();
	}

	@Test
	void failureOfACopyWithAnotherIdRotatesTheServerAtItsAddress() {
		ServiceInstance copy = new DefaultServiceInstance("copy-of-front", TestServices.SERVICE, this.front.getHost(),
				this.front.getPort(), this.front.isSecure());
		complete(copy, responseData(503));
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.unmatched).isEmpty();
	}

	@Test
	void instanceIdWinsOverTheAddress() {
		// An id that names the second server, at the front's address: the id decides.
		ServiceInstance second = this.service.manager().servers().get(1);
		ServiceInstance sameIdOtherAddress = new DefaultServiceInstance(second.getInstanceId(), TestServices.SERVICE,
				this.front.getHost(), this.front.getPort(), false);
		complete(sameIdOtherAddress, responseData(503));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.lastFailure().instance()).isSameAs(second);
	}

	@Test
	void sameHostAndPortWithAnotherSchemeMatchesNoServer() {
		ServiceInstance secureCopy = new DefaultServiceInstance(null, TestServices.SERVICE, this.front.getHost(),
				this.front.getPort(), !this.front.isSecure());
		complete(secureCopy, responseData(503));
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.unmatched)
			.containsExactly("backend " + this.front.getHost() + ":" + this.front.getPort() + " STATUS");
	}

	@Test
	void failureOfAnUnknownServerMovesNothingAndIsReportedToObservers() {
		ServiceInstance stranger = new DefaultServiceInstance(null, TestServices.SERVICE, "10.0.0.9", 8080, false);
		for (int i = 0; i < 2; i++) {
			this.lifecycle.onComplete(new CompletionContext<>(Status.FAILED, new ConnectException("refused"),
					new DefaultRequest<>(), new DefaultResponse(stranger)));
		}
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.failovers()).isZero();
		assertThat(this.service.lastFailure().instance()).isSameAs(stranger);
		assertThat(this.unmatched).containsExactly("backend 10.0.0.9:8080 EXCEPTION",
				"backend 10.0.0.9:8080 EXCEPTION");
	}

	@Test
	void failureStatusInWebMvcServerResponseRotatesTheFrontAway() {
		// What Gateway Server Web MVC hands over on success.
		complete(ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).build());
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().detail()).isEqualTo("503");
	}

	@Test
	void failureStatusInWebFluxClientResponseRotatesTheFrontAway() {
		complete(ClientResponse.create(HttpStatus.GATEWAY_TIMEOUT).build());
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().detail()).isEqualTo("504");
	}

	@Test
	void failureStatusInReactiveServerResponseRotatesTheFrontAway() {
		MockServerHttpResponse response = new MockServerHttpResponse();
		response.setStatusCode(HttpStatus.BAD_GATEWAY);
		complete(response);
		assertThat(this.service.manager().findServer()).isNotSameAs(this.front);
		assertThat(this.service.lastFailure().detail()).isEqualTo("502");
	}

	@Test
	void responseOfAnUnknownTypeChangesNothing() {
		complete("503");
		assertThat(this.service.manager().findServer()).isSameAs(this.front);
		assertThat(this.service.lastFailure()).isNull();
	}

	@Test
	void supportsEveryCallPath() {
		assertThat(this.lifecycle.supports(DefaultRequestContext.class, Object.class, ServiceInstance.class)).isTrue();
		assertThat(this.lifecycle.supports(RetryableRequestContext.class, ResponseData.class, ServiceInstance.class))
			.isTrue();
		assertThat(this.lifecycle.supports(RequestDataContext.class, ResponseData.class, ServiceInstance.class))
			.isTrue();
	}

	private void complete(Object clientResponse) {
		complete(this.front, clientResponse);
	}

	private void complete(ServiceInstance reported, Object clientResponse) {
		this.lifecycle.onComplete(new CompletionContext<>(Status.SUCCESS, new DefaultRequest<>(),
				new DefaultResponse(reported), clientResponse));
	}

	private static ResponseData responseData(int status) {
		RequestData request = new RequestData(HttpMethod.GET, URI.create("http://backend/whoami"), new HttpHeaders(),
				new LinkedMultiValueMap<>(), new HashMap<>());
		return new ResponseData(HttpStatusCode.valueOf(status), new HttpHeaders(), new LinkedMultiValueMap<>(),
				request);
	}

}
