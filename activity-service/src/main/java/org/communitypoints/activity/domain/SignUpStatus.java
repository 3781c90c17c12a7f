package org.communitypoints.activity.domain;

/** SIGNED_UP holds a place until the resident withdraws (WITHDRAWN frees it). */
public enum SignUpStatus {
    SIGNED_UP,
    WITHDRAWN
}
