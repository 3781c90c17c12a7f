package org.communitypoints.catalog.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * The {@code {id}} in the path is a reward, checked against the caller's community before the body is read or
 * validated ({@link RewardTenancyFilter}): another community's reward answers 404 whatever was sent with it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RewardOfCallersCommunity {
}
