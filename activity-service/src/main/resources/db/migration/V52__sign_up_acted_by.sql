-- A proxy (代办) may sign a resident up (On-Behalf-Of with a SIGN_UP grant in the registry copy): the sign-up records
-- who acted beside whom it is for, "X for Y". Null for a resident who signed up themself; never the resident
-- themself (that would blur the two).
alter table sign_up add column acted_by text;
alter table sign_up add constraint sign_up_acted_by_is_someone_else check (acted_by is null or acted_by <> member_id);
