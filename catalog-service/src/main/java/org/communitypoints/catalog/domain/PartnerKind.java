package org.communitypoints.catalog.domain;

/** What a community partner (社区合伙人) runs. */
public enum PartnerKind {
    CANTEEN,
    NIGHT_SCHOOL,
    CHILDCARE,
    STUDY_ROOM,
    HOUSEKEEPING,
    PARKING,
    SHOP,
    OTHER
}
