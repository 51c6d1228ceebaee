-- E-mail addresses have one form everywhere (DD-019): surrounding white space removed, Unicode NFC,
-- lower case. Sign-up, sign-in, password reset, invitations and the throttles normalise what they
-- are given; this brings the accounts created before into the same form. users_email_key already
-- makes lower(email) unique, so only white space and the Unicode form could still set two rows
-- apart: a row whose normal form another account holds already is left as it is (and logged by
-- nothing here; such pairs need a person to decide which account stays).
UPDATE users u
   SET email = lower(normalize(regexp_replace(u.email, '^\s+|\s+$', '', 'g'), NFC))
 WHERE u.email <> lower(normalize(regexp_replace(u.email, '^\s+|\s+$', '', 'g'), NFC))
   AND NOT EXISTS (
       SELECT 1 FROM users o
        WHERE o.id <> u.id
          AND lower(o.email) = lower(normalize(regexp_replace(u.email, '^\s+|\s+$', '', 'g'), NFC)));
