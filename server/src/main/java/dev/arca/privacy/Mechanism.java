package dev.arca.privacy;

/** How a decision was expressed; kept so a consent can be proven later. */
public enum Mechanism {
    CHECKBOX, TOGGLE, COOKIE_BANNER, DOUBLE_OPT_IN_LINK, ONE_CLICK_UNSUBSCRIBE, OPERATOR_ON_REQUEST, API_CALL
}
