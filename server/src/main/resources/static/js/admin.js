// Admin pages: a quota is typed in GiB (empty returns the account to the default).
'use strict';

Arca.transforms.quota = body => ({quotaBytes: body.gib === null ? null : Math.round(body.gib * 1024 ** 3)});
