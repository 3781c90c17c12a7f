-- A resident's redemptions are listed newest first, a page at a time (GET /me/redemptions, 20 on a phone). By
-- (member_id, state) every page read all of the resident's redemptions and sorted them, so a page cost the resident's
-- whole history. Now a page is read in this index's order from the cursor on, and stops at its limit.
create index redemption_member_newest on redemption (member_id, created_at desc, id desc);
-- "My home" asks for the resident's active vouchers on every screen: their few CONFIRMED redemptions. The other voucher
-- lists (used, cancelled, expired) read the resident's redemptions newest first by the index above.
create index redemption_member_confirmed on redemption (member_id) where state = 'CONFIRMED';
drop index redemption_member;
