/* web/profiles.h: doctors' public profiles and the page where they edit theirs
 * (web/profiles.c). */
#ifndef ASKDOC_WEB_PROFILES_H
#define ASKDOC_WEB_PROFILES_H

struct http_request;

int page_doctors(struct http_request *req);             /* GET /doctors */
int page_doctor(struct http_request *req);              /* GET /doctor/:id */
int page_doctor_photo(struct http_request *req);        /* .../photo */
int page_doctor_profile_edit(struct http_request *req); /* GET, POST */
int page_doctor_profile_post(struct http_request *req); /* /doctor/profile */

#endif
