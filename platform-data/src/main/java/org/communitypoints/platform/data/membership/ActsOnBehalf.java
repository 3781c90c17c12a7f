package org.communitypoints.platform.data.membership;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.communitypoints.contracts.events.ProxyChanged.Scope;

/**
 * Marks a resource method that accepts {@value OnBehalfOfFilter#HEADER}: a proxy (代办) may call it for a resident
 * who granted them {@link #value() the scope}. Every other method refuses the header (400 ON_BEHALF_NOT_ACCEPTED),
 * so that an act a proxy meant for someone else is never recorded silently as their own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActsOnBehalf {

    Scope value();
}
