package io.github.servermanager.service;

import java.time.Instant;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The last failed request of a service.
 *
 * @param when when the failure was reported
 * @param instance the instance that handled the request
 * @param reason whether an exception or a status made it a failure
 * @param detail the exception's class name, or the HTTP status code
 */
public record FailureRecord(Instant when, ServiceInstance instance, FailureReason reason, String detail) {

}
