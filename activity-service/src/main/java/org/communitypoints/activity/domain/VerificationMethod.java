package org.communitypoints.activity.domain;

/** Who was the second person that let a shift's points be credited. */
public enum VerificationMethod {
    /** The volunteer confirmed their presence with the activity's rotating check-in code. */
    CHECK_IN_CODE,
    /** Someone other than the recorder (and not the volunteer) verified the shift. */
    SECOND_PERSON,
    /** The recorder verified alone, within the community's daily self-verification allowance. */
    SELF_WITHIN_POLICY
}
